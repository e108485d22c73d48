import type { tasksEn } from './en';

export const tasksFr: typeof tasksEn = {
  nav: 'Tâches',
  navCount: (n: number) => (n === 0 ? 'Tâches : rien ne vous attend' : `Tâches : ${n} vous attendent`),
  title: 'Ce qui vous attend',
  intro: 'Tout ce dont vos hubs ont besoin de vous maintenant, le plus urgent d’abord.',
  empty: 'Rien ne vous attend pour le moment.',
  due: (when: string) => `avant le ${when}`,
  seeAll: 'Toutes les tâches',
  kinds: {
    claim_to_answer: 'Répondre à une demande',
    handover_to_confirm: 'Confirmer ou contester une remise',
    outcome_to_record: 'Dire ce que le matériau est devenu',
    question_to_answer: 'Répondre à une question',
    join_request_to_decide: 'Décider d’une demande d’adhésion',
    training_to_record: 'Enregistrer ou refuser une demande de formation',
  },
};
