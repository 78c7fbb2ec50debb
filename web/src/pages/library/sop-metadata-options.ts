// Suggestions for an SOP's and a process's tag fields; people may type anything else.
export const CHANNEL_SUGGESTIONS = ['Phone', 'Email', 'Live chat', 'Social media', 'In person', 'Self-service'];
export const AUDIENCE_SUGGESTIONS = ['Agent', 'Senior agent', 'Supervisor', 'Quality manager'];
