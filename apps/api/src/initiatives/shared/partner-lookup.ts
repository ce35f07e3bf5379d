import { Injectable } from '@nestjs/common';
import { Problem } from '../../http/problem';
import { PartnerRepository, type RegisteredPartner } from '../../write/partner.repository';
import type { FieldError } from '../../http/field-errors';

/**
 * Joining and starting copy the partner's registered name into the event, so the history reads
 * without the registry. The lookup runs before the command; its verdict is given inside `build`,
 * after the pipeline's visibility check, so an outsider still gets a 404 and learns nothing.
 */
@Injectable()
export class PartnerLookup {
  constructor(private readonly partners: PartnerRepository) {}

  async find(partnerId: string, field: string): Promise<() => RegisteredPartner> {
    const partner = await this.partners.find(partnerId);
    return () => {
      if (partner) return partner;
      const message = `partner '${partnerId}' is not registered: register the organisation first (POST /api/partners)`;
      throw new Problem(422, 'unknown-partner', message, { errors: [{ field, code: 'unknown-partner', message } satisfies FieldError] });
    };
  }
}
