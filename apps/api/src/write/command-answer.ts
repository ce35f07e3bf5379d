import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** What every command answers: the stream revision after it and the global position of its last event. */
export class CommandAnswer {
  @ApiPropertyOptional({ description: 'the id of what the command created' })
  id?: string;
  @ApiProperty({ description: "the initiative's (or partner's) stream revision after the command" })
  revision!: number;
  @ApiProperty({ description: 'global position of the last event; pass it as ?minPosition= to read your own write' })
  position!: number;
  @ApiPropertyOptional()
  version?: number;
}
