/** Tasks: what waits for the person now. */
export const tasksEn = {
  nav: 'Tasks',
  navCount: (n: number) => (n === 0 ? 'Tasks: nothing waits for you' : `Tasks: ${n} waiting for you`),
  title: 'What waits for you',
  intro: 'Everything your hubs need from you now, soonest deadline first.',
  empty: 'Nothing waits for you right now.',
  due: (when: string) => `by ${when}`,
  seeAll: 'All tasks',
  kinds: {
    claim_to_answer: 'Answer a claim',
    handover_to_confirm: 'Confirm or dispute a handover',
    outcome_to_record: 'Tell what the material became',
    question_to_answer: 'Answer a question',
    join_request_to_decide: 'Decide on a request to join',
    training_to_record: 'Record or decline a training request',
  },
};
