import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../auth/roles.decorator';
import { Ctx } from '../../http/request-context.decorator';
import type { RequestContext } from '../../write/request-context';
import { ApiCommand } from '../shared/api-docs';
import { InitiativeCommands } from '../shared/initiative-commands';
import { concludeReviewRoute } from './conclude-review';
import { ConcludeReviewDto, ScheduleReviewDto } from './reviews.dto';

/** Phase 6, alert blijven op het bestaansrecht: right-to-exist reviews and their verdicts. */
@ApiTags('initiatives: reviews')
@Controller('api/initiatives/:id/reviews')
export class ReviewsController {
  constructor(private readonly commands: InitiativeCommands) {}

  @Post()
  @Roles('programme-manager', 'steering-group')
  @ApiCommand({
    summary: 'Schedule a right-to-exist review',
    description: 'Before re-legitimise it is an early review. Answers the new review id.',
    status: 201,
    roles: 'programme-manager of the regisseur, steering-group, admin',
    phases: 'pilot and later',
  })
  schedule(@Param('id') id: string, @Body() dto: ScheduleReviewDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.commands.send(reply, {
      type: 'ScheduleReview',
      initiativeId: id,
      ctx,
      status: 201,
      fields: ({ newId }) => ({
        reviewId: newId(),
        dueOn: dto.dueOn,
        ...(dto.reason !== undefined && { reason: dto.reason }),
        ...(dto.kpiId !== undefined && { kpiId: dto.kpiId }),
      }),
      answer: (command) => command.reviewId,
    });
  }

  @Post(':reviewId/verdict')
  @Roles('steering-group')
  @ApiCommand({
    summary: 'Give the verdict on a review',
    description:
      '`continue` keeps going; `adjust` returns to `returnTo` (define or co-design, clearing the pilot); `dissolve` ends the network. The KPI evidence as it stands at this moment is frozen into the verdict, with the caller as `decidedBy`.',
    status: 200,
    roles: 'steering-group, admin',
    phases: 're-legitimise, or pilot and later for an early review',
  })
  verdict(
    @Param('id') id: string,
    @Param('reviewId') reviewId: string,
    @Body() dto: ConcludeReviewDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.commands.send(
      reply,
      concludeReviewRoute({
        initiativeId: id,
        reviewId,
        verdict: dto.verdict,
        rationale: dto.rationale,
        ...(dto.returnTo !== undefined && { returnTo: dto.returnTo }),
        ctx,
      }),
    );
  }
}
