import type { InitiativeState, KpiDashboard } from '../api/types';
import { formatPercent, t } from '../i18n';
import { KpiChart } from './kpi-chart';

/** Per desired effect, each KPI as a chart with its table; attainment per effect and overall. */
export const KpiDashboardView = ({ dashboard, state, forPrint = false }: { dashboard: KpiDashboard; state?: InitiativeState; forPrint?: boolean }) => {
  const partnerName = (id: string) => state?.partners.find((p) => p.partnerId === id)?.name;
  if (!dashboard.effects.some((e) => e.kpis.length)) return <p>{t().noKpis}</p>;
  return (
    <div class="dashboard">
      <p class="overall">
        {t().overall}: <strong>{formatPercent(dashboard.attainment)}</strong>
      </p>
      {dashboard.effects.map((effect) => (
        <section key={effect.id} class="effect" aria-label={`${t().effect}: ${effect.description}`}>
          <h3>
            {t().effect}: {effect.description}{' '}
            <span class="effect-attainment">
              ({t().attainment} {formatPercent(effect.attainment)})
            </span>
          </h3>
          {effect.kpis.map((kpi) => (
            <KpiChart key={kpi.id} kpi={kpi} ownerName={partnerName(kpi.ownerPartnerId)} forPrint={forPrint} />
          ))}
        </section>
      ))}
    </div>
  );
};
