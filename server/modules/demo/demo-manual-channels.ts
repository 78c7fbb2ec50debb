import { act, branch, decide, field, record, refer, type DemoSop } from './demo-steps';

// Harbour & Hill Outfitters: how each channel is served. Service levels are the contact centre's targets.

const CHANNEL_GLOSSARY = { term: 'SLA', definition: 'Service level agreement: the target time for a first response on a channel.' };

export const phoneSop: DemoSop = {
  key: 'HH-CHN-001',
  title: 'Serve a customer on the phone',
  category: 'Channels',
  channels: ['phone'],
  audience: ['Agent', 'Senior agent'],
  reviewIntervalMonths: 12,
  process: 'Serve customers on the phone',
  content: {
    purpose: 'A phone call is the channel customers choose when something matters. A warm, structured call solves most matters at the first attempt.',
    scope: 'Inbound calls to the contact centre during opening hours, 8:00 to 20:00.',
    responsibilities: [
      { role: 'Agent', duties: 'Answers calls within the SLA and owns each call until it is resolved or handed over.' },
      { role: 'Supervisor', duties: 'Takes calls handed over and monitors the queue.' },
    ],
    procedure: [
      act('answer', 'Answer within three rings with the greeting.', { detail: 'Say: *"Harbour & Hill, this is Priya. How can I help?"*' }),
      act('verify', 'Verify the caller with the postcode and the last order number.'),
      act('summarise', 'Summarise the request back to the caller.'),
      decide('can-resolve', 'Can the agent resolve the request on this call?', [
        branch('yes', 'Yes', [act('resolve-call', 'Resolve the request with the matching procedure in the manual.')]),
        branch('no', 'No', [refer('transfer', 'Transfer the call to a supervisor with a short introduction.', 'Supervisor', { detail: 'Stay on the line until the supervisor has the summary.' })], 'Handed over'),
      ]),
      act('close-call', 'Ask whether anything else is needed, then thank the caller.'),
      record('wrap-up', 'Record the call reason and outcome.', [field('reason', 'Call reason'), field('resolved', 'Resolved on the call', 'choice', ['Yes', 'No'])]),
    ],
    healthAndSafety: 'Take a five-minute break away from the headset after a distressing call. Keep the headset volume below the marked line.',
    equipment: 'The telephony system; the headset; the case system.',
    glossary: [CHANNEL_GLOSSARY, { term: 'Wrap-up', definition: 'The minute after a call for completing the case notes.' }],
    tips: 'Smile while speaking: it is audible. Hold for no longer than a minute without checking back.',
    references: [{ kind: 'sop', target: 'HH-CMP-001', label: 'Handle a customer complaint' }],
    additionalSections: [],
  },
};

export const emailSop: DemoSop = {
  key: 'HH-CHN-002',
  title: 'Answer a customer email',
  category: 'Channels',
  channels: ['email'],
  audience: ['Agent'],
  reviewIntervalMonths: 12,
  process: 'Answer customer emails',
  content: {
    purpose: 'An email answer is read more than once and can be forwarded. A complete, friendly reply within one working day saves a second email.',
    scope: 'Emails to help@harbourhill.example and the contact form on the website.',
    responsibilities: [{ role: 'Agent', duties: 'Answers emails in date order within the SLA of one working day.' }],
    procedure: [
      act('read-thread', 'Read the whole thread before replying.'),
      act('check-order', 'Check the order and any earlier cases for the same customer.'),
      decide('complete', 'Is all the information needed to answer present?', [
        branch('all-there', 'Yes', [act('reply', 'Reply with the answer and the next step in plain words.', { detail: 'Use the reply template for the topic and adapt the first line to the customer.' })]),
        branch('missing', 'No', [act('ask-info', 'Ask for the missing details in one message.')], 'Waiting for the customer'),
      ]),
      act('spell-check', 'Check spelling, names and amounts before sending.'),
      record('tag-email', 'Tag the email with its topic.', [field('topic', 'Topic', 'choice', ['Order', 'Refund', 'Return', 'Complaint', 'Other'])]),
    ],
    healthAndSafety: 'None.',
    equipment: 'The shared mailbox; the reply templates; the case system.',
    glossary: [CHANNEL_GLOSSARY],
    tips: 'Put the answer in the first sentence. A reply that needs scrolling to find the answer gets a second email.',
    references: [],
    additionalSections: [],
  },
};

export const chatSop: DemoSop = {
  key: 'HH-CHN-003',
  title: 'Serve a customer on live chat',
  category: 'Channels',
  channels: ['live chat'],
  audience: ['Agent'],
  reviewIntervalMonths: 12,
  process: 'Serve customers on live chat',
  content: {
    purpose: 'Chat customers expect an answer while still on the page. Short, quick messages keep the chat moving and stop customers calling as well.',
    scope: 'Chats started from the website and the app, 9:00 to 18:00. An agent holds at most three chats at once.',
    responsibilities: [{ role: 'Agent', duties: 'Answers new chats within one minute and keeps each chat moving.' }],
    procedure: [
      act('greet-chat', 'Greet the customer within one minute of the chat opening.'),
      act('short-messages', 'Send short messages of one or two sentences.'),
      decide('complex', 'Does the request need more than ten minutes?', [
        branch('quick', 'No', [act('answer-chat', 'Answer the request in the chat.')]),
        branch('long', 'Yes', [act('move-email', 'Offer to continue by email and open a case.', { sopRef: 'HH-CHN-002' })], 'Moved to email'),
      ]),
      act('send-transcript', 'Offer the chat transcript before closing.'),
      record('chat-topic', 'Record the chat topic.', [field('topic', 'Topic')]),
    ],
    healthAndSafety: 'None.',
    equipment: 'The chat console; the saved replies library.',
    glossary: [{ term: 'Saved reply', definition: 'A prepared message inserted into a chat and adapted before sending.' }],
    tips: 'Tell the customer when a check takes a while: a silent chat feels abandoned after 30 seconds.',
    references: [{ kind: 'sop', target: 'HH-CHN-002', label: 'Answer a customer email' }],
    additionalSections: [],
  },
};

export const socialSop: DemoSop = {
  key: 'HH-CHN-004',
  title: 'Respond to a customer on social media',
  category: 'Channels',
  channels: ['social media'],
  audience: ['Senior agent', 'Supervisor'],
  reviewIntervalMonths: 6,
  process: 'Respond on social media',
  content: {
    purpose: 'A public post is read by many people besides the customer. A prompt, calm public reply shows that Harbour & Hill listens; details move to a private message.',
    scope: 'Posts, comments and direct messages on the company pages. Press enquiries go to the communications team.',
    responsibilities: [
      { role: 'Senior agent', duties: 'Monitors the pages and replies within the SLA of two hours.' },
      { role: 'Supervisor', duties: 'Approves replies to posts that mention legal action, safety or the press.' },
    ],
    procedure: [
      act('read-post', 'Read the post and the replies under it.'),
      decide('sensitive', 'Does the post mention safety, legal action or the press?', [
        branch('routine', 'No', [act('reply-public', 'Reply publicly with an apology or an answer in one or two sentences.')]),
        branch('sensitive-post', 'Yes', [refer('refer-social', 'Refer the post to a supervisor before replying.', 'Supervisor')], 'Referred to a supervisor'),
      ]),
      act('move-private', 'Invite the customer to a private message for order details.', { detail: 'Never ask for an order number, address or payment details in public.' }),
      record('record-post', 'Record the link to the post on the case.', [field('post_link', 'Link to the post')]),
    ],
    healthAndSafety: 'None.',
    equipment: 'The social media inbox; the case system.',
    glossary: [CHANNEL_GLOSSARY, { term: 'Direct message', definition: 'A private message on a social platform, seen only by the customer and the company.' }],
    tips: 'Write the public reply for the next reader as much as for the customer.',
    references: [{ kind: 'policy', target: 'Social media policy' }],
    additionalSections: [],
  },
};

export const inPersonSop: DemoSop = {
  key: 'HH-CHN-005',
  title: 'Serve a customer in store',
  category: 'Channels',
  channels: ['in person'],
  audience: ['Agent', 'Senior agent'],
  reviewIntervalMonths: 12,
  process: 'Serve customers in store',
  content: {
    purpose: 'A customer at the service desk has made the effort to come in. A friendly welcome and a visible queue order make the wait feel fair.',
    scope: 'The service desk and the returns desk in every Harbour & Hill store.',
    responsibilities: [
      { role: 'Agent', duties: 'Welcomes customers, serves them in order and calls for help when the queue exceeds five people.' },
      { role: 'Supervisor', duties: 'Opens a second desk and takes difficult conversations away from the queue.' },
    ],
    procedure: [
      act('welcome', 'Welcome each customer within 30 seconds, even while serving someone else.'),
      act('serve', 'Take customers in queue order.'),
      decide('queue', 'Are more than five people waiting?', [
        branch('short', 'No', [act('carry-on', 'Carry on serving.')]),
        branch('long-queue', 'Yes', [refer('call-help', 'Call the supervisor to open a second desk.', 'Supervisor')]),
      ]),
      decide('upset', 'Is the customer upset or raising the voice?', [
        branch('calm', 'No', [act('help', 'Help with the request, using the matching procedure in the manual.')]),
        branch('upset-customer', 'Yes', [act('move-aside', 'Offer to continue at the quiet desk, away from the queue.'), refer('supervisor-aside', 'Ask the supervisor to join.', 'Supervisor')]),
      ]),
      record('desk-log', 'Record the visit reason on the desk log.', [field('reason', 'Visit reason', 'choice', ['Return', 'Refund', 'Collection', 'Complaint', 'Question'])]),
    ],
    healthAndSafety: 'Keep the area in front of the desk clear of boxes and bags. Call security when a customer becomes threatening; never block a customer’s way out.',
    equipment: 'The till; the desk log tablet; the radio to reach the supervisor and security.',
    glossary: [{ term: 'Quiet desk', definition: 'The desk beside the fitting rooms, out of the queue’s sight, for private conversations.' }],
    tips: 'Acknowledge the queue with a nod; customers wait more patiently once seen.',
    references: [{ kind: 'sop', target: 'HH-RET-001', label: 'Accept a return' }, { kind: 'sop', target: 'HH-HSE-001', label: 'Log an accident or injury on the premises' }],
    additionalSections: [],
  },
};
