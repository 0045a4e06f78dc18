import { useEffect, useState } from 'react';
import { CARRY_OVER_MAP, type CarryOver } from '../../../../shared/domain/carryOver.js';
import { clearCarryOver, readCarryOver } from '../../../../shared/editor/carryOverDoc.js';
import type { SectionSession } from '../section-session.js';

/** A section carried over from last year says so until its authors confirm its figures. */
export function CarryOverNotice({ session }: { session: SectionSession }) {
  const [carryOver, setCarryOver] = useState<CarryOver | null>(() => readCarryOver(session.doc));

  useEffect(() => {
    const map = session.doc.getMap(CARRY_OVER_MAP);
    const update = () => setCarryOver(readCarryOver(session.doc));
    map.observe(update);
    update();
    return () => map.unobserve(update);
  }, [session]);

  if (!carryOver) return null;
  return (
    <div className="carry-over-notice" role="note">
      <span>
        本部分沿用{carryOver.fromYear}年度报告：表格中的数字已清空，请填写本年度数字；
        正文中的 {carryOver.figures.map((f) => `「${f}」`).join('')} 等须核对更新。
      </span>
      {session.section.canEdit && (
        <button type="button" className="button-quiet" onClick={() => clearCarryOver(session.doc)}>已核对</button>
      )}
    </div>
  );
}
