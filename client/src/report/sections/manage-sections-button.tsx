import { useState } from 'react';
import type { ReportView } from '../../../../shared/api.js';
import { Modal } from '../../ui/modal.js';
import { SectionManager } from './section-manager.js';

/** The principal's entry to section management, in the report's top bar. */
export function ManageSectionsButton({ report, onChanged }: { report: ReportView; onChanged(report: ReportView): void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button-quiet" onClick={() => setOpen(true)}>管理部分</button>
      {open && (
        <Modal title="管理报告：标题与各部分" wide onClose={() => setOpen(false)}>
          <SectionManager report={report} onChanged={onChanged} />
        </Modal>
      )}
    </>
  );
}
