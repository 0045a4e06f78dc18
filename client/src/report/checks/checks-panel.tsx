import type { SectionView } from '../../../../shared/api.js';
import type { Problem } from '../../../../shared/domain/checks.js';
import { revealProblem } from './locate-problem.js';

/** The 检查 panel beside the report: every problem the checks find, each a link to its place. */
export function ChecksPanel({ problems, sections }: { problems: readonly Problem[]; sections: readonly SectionView[] }) {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const sectionOf = new Map(sections.map((s) => [s.key, s]));

  return (
    <section className="checks-panel" aria-label="检查">
      <header className="checks-head">
        <h2>检查</h2>
        <span className="checks-summary" data-errors={errors} data-warnings={warnings}>
          {problems.length === 0 ? '未发现问题' : [errors > 0 && `${errors} 个错误`, warnings > 0 && `${warnings} 个提醒`].filter(Boolean).join('，')}
        </span>
      </header>
      {problems.length === 0 ? (
        <p className="checks-clear">✓ 各表合计、执行率、正文与表格数字、自评表分值均已核对一致。</p>
      ) : (
        <ol className="checks-list">
          {problems.map((problem) => {
            const section = sectionOf.get(problem.location.sectionKey);
            return (
              <li key={problem.id} className={`check-item is-${problem.severity}`} data-code={problem.code}>
                <a href={`#${problem.location.sectionKey}`} onClick={(e) => { e.preventDefault(); revealProblem(problem.location); }}>
                  <span className="check-where">
                    <span className="check-severity">{problem.severity === 'error' ? '错误' : '提醒'}</span>
                    {section ? `${section.number}、${section.title}` : problem.location.sectionKey}
                  </span>
                  <span className="check-message">{problem.message}</span>
                </a>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
