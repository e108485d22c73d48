/** Joining a hub: asking from its page, managers deciding. */
export const joinEn = {
  title: (hub: string) => `Join ${hub}`,
  intro: 'Members list what is left over and ask for what the hub needs. Tell the managers who you are.',
  signInFirst: 'Sign in or create an account to ask to join this hub.',
  signIn: 'Sign in to ask',
  message: 'Message to the managers',
  messageHint: 'Optional, at most 500 characters: who you are, what you make.',
  ask: 'Ask to join',
  pending: (date: string) =>
    `You asked to join on ${date}. The hub’s managers will decide; you will be told.`,
  declinedBefore: 'Your last request was declined. You may ask again.',
  requestsTitle: 'Requests to join',
  noRequests: 'Nobody is waiting to join.',
  accept: 'Accept',
  decline: 'Decline',
  acceptLabel: (name: string) => `Accept ${name}`,
  declineLabel: (name: string) => `Decline ${name}`,
  acceptedNotice: (name: string) => `${name} is now a member.`,
  declinedNotice: (name: string) => `The request of ${name} was declined.`,
};
