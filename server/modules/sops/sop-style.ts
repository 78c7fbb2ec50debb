import type { StyleFinding } from '../../../common/api/sops';
import type { SopContent } from '../../../common/procedure/model';
import { checkSopContentStyle } from '../../../common/procedure/style-check';
import type { Executor } from '../../db/database';
import { loadStyleRuleSettings } from '../settings/style-rules.service';

/** The organisation's style and structure findings for some content, under its own rule settings. */
export async function checkSopStyle(db: Executor, orgId: string, content: SopContent): Promise<StyleFinding[]> {
  const { settings } = await loadStyleRuleSettings(db, orgId);
  return checkSopContentStyle(content, settings);
}
