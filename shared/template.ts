/**
 * The standard outline of a 部门整体支出绩效自评报告 (DOMAIN.md §1), with the department that
 * usually writes each part at a school. Keys are stable identifiers used in room names.
 */
export interface TemplateSection {
  key: string;
  title: string;
  department: string;
}

export const SCHOOL_DEPARTMENTS = ['综合事务部', '学生发展部', '教学教研部', '后勤服务部'] as const;

export const STANDARD_SECTIONS: readonly TemplateSection[] = [
  { key: 'basic-info', title: '部门（单位）基本情况', department: '综合事务部' },
  { key: 'general-budget', title: '一般公共预算支出情况', department: '后勤服务部' },
  { key: 'fund-budget', title: '政府性基金预算支出情况', department: '后勤服务部' },
  { key: 'state-capital-budget', title: '国有资本经营预算支出情况', department: '后勤服务部' },
  { key: 'social-insurance-budget', title: '社会保险基金预算支出情况', department: '后勤服务部' },
  { key: 'performance', title: '部门整体支出绩效情况', department: '教学教研部' },
  { key: 'problems', title: '存在的问题及原因分析', department: '学生发展部' },
  { key: 'improvements', title: '下一步改进措施', department: '综合事务部' },
];
