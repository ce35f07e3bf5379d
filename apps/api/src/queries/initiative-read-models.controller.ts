import { Controller, Get, Param, Query as QueryParams, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../../../libs/auth/src';
import { CurrentActor } from '../auth/roles.decorator';
import { ApiPathIds, ApiSignedIn } from '../openapi/api-answers.decorators';
import { KpiDashboard } from './kpi-dashboard.schema';
import { PortfolioItem } from './portfolio.schema';
import { ReviewItem } from './reviews.schema';
// [history] begin: ?asOf= and what-if requests are answered by apps/api/src/history (one route per path)
import { asksHistory, KpisHistoryQueryDto, PortfolioAsOfQueryDto, ReviewsAsOfQueryDto } from '../history/history.dto';
import { KpiDashboardAsOfQuery, PortfolioAsOfQuery, ReviewsAsOfQuery } from '../history/history.queries';
// [history] end
import { KpiDashboardQuery } from './kpi-dashboard.query';
import { PortfolioQuery } from './portfolio.query';
import { fromCursor, PORTFOLIO_PAGE, sendPage } from './portfolio-pages';
import { ApiReadResponse, PAGE_HEADERS } from './read-responses';
import { sendQueryResult } from './read-consistency';
import { ReviewsQuery } from './reviews.query';

@ApiTags('initiatives')
@Controller('api/initiatives')
export class InitiativeReadModelsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiSignedIn({
    summary: 'The portfolio: phase, days in phase, partners, unmet gate conditions, attainment, next review',
    description: `A page at a time, in title order (${PORTFOLIO_PAGE} initiatives unless ?limit= says otherwise): when more follow, the Link header (rel="next") gives the next page. \`?asOf=\` for the portfolio as it was then.`,
  })
  @ApiReadResponse('a page of the initiatives the caller may see, by title', PortfolioItem, { isArray: true, headers: PAGE_HEADERS })
  async portfolio(@QueryParams() params: PortfolioAsOfQueryDto /* [history] */, @CurrentActor() actor: Actor, @Res({ passthrough: true }) reply: FastifyReply) {
    const filter = { ...(params.phase && { phase: params.phase }), ...(params.partner && { partner: params.partner }) };
    const page = { after: fromCursor(params.after), limit: params.limit ?? PORTFOLIO_PAGE };
    if (params.asOf !== undefined)
      return sendPage(reply, sendQueryResult(reply, await this.queries.execute(new PortfolioAsOfQuery(actor, params.asOf, filter, page)))); // [history]
    return sendPage(reply, sendQueryResult(reply, await this.queries.execute(new PortfolioQuery(actor, filter, page, params.minPosition))));
  }

  @Get(':id/kpis')
  @ApiSignedIn({
    summary: 'The joint KPI dashboard: per KPI series, latest, attainment, expected, status; per desired effect and overall attainment',
    description: '`?asOf=` for the dashboard as it was then, `?tolerance=&riskTolerance=` for a what-if.',
  })
  @ApiReadResponse("the dashboard, with each KPI's target history and per-period status history", KpiDashboard)
  @ApiPathIds()
  async kpis(
    @Param('id') id: string,
    @QueryParams() params: KpisHistoryQueryDto /* [history] */,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (asksHistory(params)) return sendQueryResult(reply, await this.queries.execute(new KpiDashboardAsOfQuery(actor, id, params))); // [history]
    return sendQueryResult(reply, await this.queries.execute(new KpiDashboardQuery(actor, id, params.minPosition)));
  }

  @Get(':id/reviews')
  @ApiSignedIn({
    summary: 'Right-to-exist reviews: due, overdue, verdict, rationale, decided by, frozen KPI evidence',
    description: '`?asOf=` for the reviews as they stood then.',
  })
  @ApiReadResponse('the reviews in the order they were scheduled', ReviewItem, { isArray: true })
  @ApiPathIds()
  async reviews(
    @Param('id') id: string,
    @QueryParams() params: ReviewsAsOfQueryDto /* [history] */,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (params.asOf !== undefined) return sendQueryResult(reply, await this.queries.execute(new ReviewsAsOfQuery(actor, id, params.asOf))); // [history]
    return sendQueryResult(reply, await this.queries.execute(new ReviewsQuery(actor, id, params.minPosition)));
  }
}
