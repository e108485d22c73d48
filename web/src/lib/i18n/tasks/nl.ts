import type { tasksEn } from './en';

export const tasksNl: typeof tasksEn = {
  nav: 'Taken',
  navCount: (n: number) => (n === 0 ? 'Taken: niets wacht op jou' : `Taken: ${n} wachten op jou`),
  title: 'Wat op je wacht',
  intro: 'Alles wat je hubs nu van je nodig hebben, de dringendste eerst.',
  empty: 'Er wacht nu niets op jou.',
  due: (when: string) => `vóór ${when}`,
  seeAll: 'Alle taken',
  kinds: {
    claim_to_answer: 'Beantwoord een aanvraag',
    handover_to_confirm: 'Bevestig of betwist een overdracht',
    outcome_to_record: 'Vertel wat het materiaal werd',
    question_to_answer: 'Beantwoord een vraag',
    join_request_to_decide: 'Beslis over een aanvraag om lid te worden',
    training_to_record: 'Registreer of weiger een aanvraag voor een opleiding',
  },
};
