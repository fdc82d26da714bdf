// Status and priority as badges, so the list can be read at a glance.
import type { SupportCasePriority, SupportCaseStatus } from '@portvakt/core';
import { useTranslator } from '../shared/i18n';

const statusTones: Record<SupportCaseStatus, string> = {
  open: 'tag-warning',
  in_progress: 'tag-support-progress',
  waiting: '',
  resolved: 'tag-active',
  closed: '',
};
const priorityTones: Record<SupportCasePriority, string> = {
  low: '',
  normal: '',
  high: 'tag-lost',
  urgent: 'tag-blocked',
};

export function SupportStatusBadge({ status }: { status: SupportCaseStatus }) {
  const { label } = useTranslator();
  return <span className={`tag ${statusTones[status]}`}>{label('supportCaseStatus', status)}</span>;
}

export function SupportPriorityBadge({ priority }: { priority: SupportCasePriority }) {
  const { label } = useTranslator();
  return <span className={`tag ${priorityTones[priority]}`}>{label('supportCasePriority', priority)}</span>;
}
