/** Pure rules of trainings: when a person counts as trained for a machine. */

/**
 * Whether a person holds a machine's required training: the training itself, or a training of
 * another hub that the machine's hub accepts as equivalent.
 */
export function isQualified(
  required: number | null,
  held: readonly number[],
  acceptedFor: readonly number[],
): boolean {
  if (required === null) return true;
  return held.includes(required) || held.some((t) => acceptedFor.includes(t));
}
