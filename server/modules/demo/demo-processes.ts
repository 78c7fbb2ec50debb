// The demo organisation's register of business processes: the ones its manual covers, a few that have
// no SOP yet (so the coverage view has gaps to show), and one written twice (so the duplicate flag shows).

export type DemoProcess = { name: string; description: string; category: string; channels: string[]; notes: string };

export const DEMO_PROCESSES: DemoProcess[] = [
  { name: 'Handle a complaint', description: 'Listen to, log and resolve complaints about products, service or staff.', category: 'Complaints', channels: ['phone', 'email', 'live chat', 'social media', 'in person'], notes: 'Desk staff say that most complaints are about late deliveries.' },
  { name: 'Refund a purchase', description: 'Give money back for goods bought in the last 60 days, with approval above the agent limit.', category: 'Refunds and returns', channels: ['phone', 'email', 'live chat', 'in person'], notes: 'Supervisors asked for the limit to be written down: it varied by store.' },
  { name: 'Accept a return', description: 'Take back unwanted goods in a condition to resell.', category: 'Refunds and returns', channels: ['in person', 'email', 'phone'], notes: '' },
  { name: 'Replace a faulty product', description: 'Send a working product for one that failed under normal use.', category: 'Refunds and returns', channels: ['phone', 'email', 'live chat', 'in person'], notes: 'The RMA screen is slow on Mondays; agents batch replacements in the afternoon.' },
  { name: 'Log an accident or injury', description: 'Get first aid, make the area safe and record accidents on the premises.', category: 'Health and safety', channels: ['in person'], notes: 'Store managers want the accident book and the case to match.' },
  { name: 'Resolve a payment dispute', description: 'Answer chargebacks with evidence or settle them early.', category: 'Complaints', channels: ['phone', 'email'], notes: '' },
  { name: 'Trace a missing delivery', description: 'Find a parcel that has not arrived and resend it when the trace fails.', category: 'Deliveries', channels: ['phone', 'email', 'live chat'], notes: '' },
  { name: 'Serve customers on the phone', description: 'Answer inbound calls to the contact centre.', category: 'Channels', channels: ['phone'], notes: '' },
  { name: 'Answer customer emails', description: 'Reply to the shared mailbox and the contact form.', category: 'Channels', channels: ['email'], notes: '' },
  { name: 'Serve customers on live chat', description: 'Answer chats from the website and the app.', category: 'Channels', channels: ['live chat'], notes: '' },
  { name: 'Respond on social media', description: 'Reply to posts, comments and direct messages on the company pages.', category: 'Channels', channels: ['social media'], notes: '' },
  { name: 'Serve customers in store', description: 'Welcome and serve customers at the service and returns desks.', category: 'Channels', channels: ['in person'], notes: '' },
  // Not covered yet.
  { name: 'Sell and redeem gift cards', description: 'Sell gift cards, check balances and handle cards that will not scan.', category: 'Payments', channels: ['in person', 'phone'], notes: 'Staff handle balance checks very differently from store to store.' },
  { name: 'Handle lost property', description: 'Log, store and return items left in a store.', category: 'Stores', channels: ['in person', 'phone'], notes: '' },
  { name: 'Price match a competitor', description: 'Match a lower price from a named competitor for the same product.', category: 'Payments', channels: ['in person', 'phone', 'live chat'], notes: 'Asked for by the Harbour Street store team.' },
  // A second entry for the refund process, written by another team: the register flags it.
  { name: 'Refunding a purchase', description: 'Refund goods bought within 60 days to the original payment method.', category: 'Refunds and returns', channels: ['in person'], notes: 'Added by the Harbour Street store team; probably the same as "Refund a purchase".' },
];
