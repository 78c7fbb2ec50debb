import type { StyleFinding } from '../../../common/api/sops';
import type { SopContent } from '../../../common/procedure/model';
import type { Executor } from '../../db/database';

/** The organisation's style and structure findings for some content. */
export async function checkSopStyle(_db: Executor, _orgId: string, _content: SopContent): Promise<StyleFinding[]> {
  return [];
}
