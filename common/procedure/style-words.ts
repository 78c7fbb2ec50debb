// Word lists behind the style checks. The verb list is what customer-service procedures start
// their steps with; anything not on it (and not obviously a non-verb) is only a warning, so an
// unusual but correct verb never blocks a submission.

const words = (text: string): ReadonlySet<string> => new Set(text.trim().split(/\s+/));

/** Imperative verbs that customer-service steps start with. */
export const IMPERATIVE_VERBS = words(`
  accept access acknowledge action activate add address adjust administer advise agree alert allocate allow amend
  analyse analyze annotate anonymise answer apologise apologize append apply appoint approve archive arrange ask
  assess assign assist attach attempt attend audit authenticate authorise authorize avoid award
  back be block book box brief bring browse buy
  calculate call calm cancel capture carry categorise categorize change charge chase chat check choose clarify classify
  clean clear click close coach collect comfort communicate compare compensate compile complete comply confirm connect
  consider consult contact continue copy correct count create credit cross-check cut
  deactivate debit debrief decide decline deduct defer define delete deliver demonstrate deny describe despatch detach
  determine dial direct disable disconnect discuss dismiss dispatch display dispose do document double-check download draft
  drag dress
  edit email e-mail empathise empathize enable encourage end enquire ensure enter escalate establish estimate evacuate
  evaluate examine exchange expedite explain export extend
  fetch file fill filter find finish fit flag follow forward free freeze
  gather generate get give go grant greet guide
  hand handle hang help highlight hold
  identify ignore import include inform initiate input inquire insert inspect install instruct insure invite invoice
  investigate issue itemise
  join
  keep key
  label launch lead leave let lift link list listen load locate lock log look
  mail maintain make manage mark mask match measure meet mention merge message minimise monitor move mute
  name navigate note notify
  obtain offer open order organise organize outline
  pack paraphrase park pass paste pause pay perform phone photograph pick place plan point post prepare present press
  prevent print prioritise prioritize probe proceed process produce promote protect provide publish pull purchase put
  qualify query question queue quote
  raise rate reach read reassign reassure rebook recap receive recheck recommend reconcile record recover redact redirect
  reduce re-enter refer reflect refresh refund refuse register reimburse reject release relay remain remind remove
  rename renew reopen repair repeat rephrase replace reply report request require reschedule rescue reserve reset
  resolve respond restart restate restock restore restrict resubmit resume retain retrieve retry return review revoke
  ring route run
  sample sanitise save say scan schedule score screen seal search secure see select sell send separate set settle share
  ship show shut sign signal signpost skip smile snooze solve sort speak specify split start state stay stock stop store submit suggest
  summarise summarize supervise supply support suspend swap switch sync
  tag take talk tape telephone tell test text thank tick tidy timestamp top track train transcribe transfer translate
  treat triage trigger try turn type
  unlock unmute update upgrade upload use
  validate verify view visit void
  waive wait walk warn wash watch wear weigh welcome wipe withdraw work wrap write
`);

/** First words that show a step describes rather than instructs: pronouns, articles, modals, actors. */
export const NON_IMPERATIVE_STARTS = words(`
  i me my mine we us our ours you your yours he him his she her hers they them their theirs it its
  the a an this that these those some any each every all both either neither no another other such
  there here who which what whose
  is are was were been being has have had does did should must can could will would may might shall
  customer customers agent agents supervisor supervisors caller callers manager managers staff team user users
  system systems case cases orders member members person people colleague colleagues
  and but or so because nothing everything something someone anyone everyone
`);

/** Openers of a condition or circumstance; the instruction then follows the first comma. */
export const CLAUSE_OPENERS = words(`
  if when whenever once before after unless where wherever while until as for on at in during within without
  by from to upon following depending given provided under since via using through across inside outside beside
`);

/** Words skipped before the verb: "Always check …", "Never promise …", "Please confirm …". */
export const LEADING_ADVERBS = words(`
  always never only then now first next finally lastly also again please still just immediately promptly politely
  carefully quickly calmly clearly briefly gently firmly courteously secondly thirdly afterwards
`);

/** Personal pronouns, which leave open who acts or is meant. ("It" is not personal.) */
export const PERSONAL_PRONOUNS = words(`
  i me my mine myself we us our ours ourselves you your yours yourself yourselves he him his himself
  she her hers herself they them their theirs themselves
`);

/** Capitalised words that are emphasis ("Do NOT refund"), not acronyms. */
export const EMPHASIS_WORDS = words(`
  DO NOT NO NEVER ALWAYS ONLY ALL MUST STOP NOTE WARNING IMPORTANT CAUTION DANGER URGENT AND OR IF THEN BEFORE AFTER YES PASS FAIL TRUE FALSE
`);

/** Abbreviations everyone knows; they need no glossary entry. */
export const COMMON_ACRONYMS = words('OK ID AM PM UK US USA EU');
