import { SCHOOL_DEPARTMENTS, STANDARD_SECTIONS } from '../../shared/template.js';

/**
 * Which part of the standard outline a heading names. Real reports word their headings
 * differently (「资金使用及绩效情况」 for 「部门整体支出绩效情况」), so numbered headings are
 * matched by keywords; an unnumbered line must be one of the known wordings to count as a
 * heading at all.
 */

interface KnownSection {
  key: string;
  department: string;
  /** Keywords for headings that carry a number. */
  pattern: RegExp;
  /** Exact wordings (after `comparable`) for lines that lost their number. */
  wordings: string[];
}

const DEFAULT_DEPARTMENT = '综合事务部';

function departmentOf(key: string): string {
  return STANDARD_SECTIONS.find((s) => s.key === key)?.department ?? DEFAULT_DEPARTMENT;
}

const KNOWN: KnownSection[] = [
  { key: 'basic-info', pattern: /基本情况|基本概况|单位概况|部门概况/, wordings: ['部门单位基本情况', '部门基本情况', '单位基本情况', '基本情况', '部门概况', '单位概况'] },
  { key: 'general-budget', pattern: /一般公共预算/, wordings: ['一般公共预算支出情况', '一般公共预算支出'] },
  { key: 'fund-budget', pattern: /政府性基金/, wordings: ['政府性基金预算支出情况', '政府性基金预算支出'] },
  { key: 'state-capital-budget', pattern: /国有资本/, wordings: ['国有资本经营预算支出情况', '国有资本经营预算支出'] },
  { key: 'social-insurance-budget', pattern: /社会保险基金/, wordings: ['社会保险基金预算支出情况', '社会保险基金预算支出'] },
  { key: 'performance', pattern: /绩效情况|资金使用|绩效分析|绩效自评情况/, wordings: ['部门整体支出绩效情况', '资金使用及绩效情况', '整体支出绩效情况'] },
  { key: 'problems', pattern: /存在的?问题|问题及原因|问题和原因/, wordings: ['存在的问题及原因分析', '存在的问题和原因分析', '存在的问题'] },
  { key: 'improvements', pattern: /改进措施|改进意见|整改措施|下一步/, wordings: ['下一步改进措施', '改进措施', '下一步工作计划'] },
].map((k) => ({ ...k, department: departmentOf(k.key) }));

/** Parts some provinces add (DOMAIN.md §1), with a fixed key. */
const EXTRA: KnownSection[] = [
  { key: 'result-use', department: '综合事务部', pattern: /自评结果|结果应用|应用和公开|公开情况/, wordings: ['自评结果拟应用和公开情况', '自评结果应用和公开情况'] },
  { key: 'other-notes', department: '综合事务部', pattern: /其他需要说明|其它需要说明|其他说明/, wordings: ['其他需要说明的情况', '其它需要说明的情况'] },
];

/** Heading text reduced to its words: no brackets, punctuation or spaces. */
export function comparable(title: string): string {
  return title.replace(/[\s\u3000（）()【】[\]、，,。.．：:；;“”"'‘’]/g, '');
}

export interface SectionIdentity {
  key: string;
  department: string;
  standard: boolean;
}

export function identifyNumberedHeading(title: string): SectionIdentity | undefined {
  const words = comparable(title);
  const found = KNOWN.find((k) => k.pattern.test(words)) ?? EXTRA.find((k) => k.pattern.test(words));
  return found && { key: found.key, department: found.department, standard: KNOWN.includes(found) };
}

export function identifyUnnumberedHeading(line: string): SectionIdentity | undefined {
  const words = comparable(line);
  const found = [...KNOWN, ...EXTRA].find((k) => k.wordings.includes(words));
  return found && { key: found.key, department: found.department, standard: KNOWN.includes(found) };
}

const DEPARTMENT_HINTS: ReadonlyArray<[RegExp, (typeof SCHOOL_DEPARTMENTS)[number]]> = [
  [/预算|资金|经费|财务|资产|采购|后勤|基建|食堂|安全/, '后勤服务部'],
  [/教学|课程|教研|师资|教师|科研|课堂/, '教学教研部'],
  [/学生|德育|少先队|团委|心理|家校|班级/, '学生发展部'],
];

/** A section outside the standard outline: the department its words point to, else 综合事务部. */
export function guessDepartment(title: string): string {
  return DEPARTMENT_HINTS.find(([pattern]) => pattern.test(title))?.[1] ?? DEFAULT_DEPARTMENT;
}
