/** Questions about a listing, asked before claiming. */
export const questionsEn = {
  title: 'Questions before claiming',
  intro: (hub: string) =>
    `Ask ${hub} about this listing before you claim it. Only your hub and theirs read it.`,
  answersIntro:
    'Other hubs’ questions about this listing. Only your hub and the hub that asks read each thread.',
  none: 'No questions yet.',
  askAs: 'Ask for',
  question: 'Your question',
  questionHint: 'For example: sizes, condition, when it can be fetched.',
  ask: 'Ask',
  answer: 'Your answer',
  reply: 'Answer',
  sending: 'Sending…',
  sent: 'Sent. The other hub is told.',
  awaiting: 'Waits for an answer',
  thread: (hub: string) => `Thread with ${hub}`,
  askedBefore: 'Asked before the claim',
};
