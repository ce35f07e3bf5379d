import { t } from '../i18n';

/** A KPI status in colour and in words, so it reads without colour (WCAG 1.4.1). */
export const StatusBadge = ({ status }: { status: string }) => <span class={`badge status-${status}`}>{t().status[status] ?? status}</span>;

export const OverdueBadge = () => <span class="badge overdue">{t().overdue}</span>;
