/** A submitted view's input values, as Slack sends them: block id → action id → value. */
export type ViewStateValues = Record<string, Record<string, ViewStateValue>>;
export interface ViewStateValue {
  type: string;
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: { value: string }[];
  selected_user?: string | null;
  selected_conversation?: string | null;
  /** datetimepicker: Unix seconds. */
  selected_date_time?: number | null;
}

/** The single input of a block (our inputs all use action_id `value`); block ids may carry a `_rev` suffix. */
export function inputOf(values: ViewStateValues, blockId: string): ViewStateValue | undefined {
  const exact = values[blockId]?.value;
  if (exact) return exact;
  const key = Object.keys(values).find((k) => k.startsWith(`${blockId}_`) && /_\d+$/.test(k));
  return key ? values[key]?.value : undefined;
}

/** The block id as the submitted view has it (with its `_rev` suffix, if any): errors must name it exactly. */
export function blockIdIn(values: ViewStateValues, blockId: string): string {
  return (
    Object.keys(values).find((k) => k === blockId || (k.startsWith(`${blockId}_`) && /_\d+$/.test(k))) ??
    blockId
  );
}

/** The values picked in a multi-select. */
export const selectedValues = (values: ViewStateValues, blockId: string): string[] =>
  inputOf(values, blockId)?.selected_options?.map((o) => o.value) ?? [];

/** The one element of a block whatever its action id (inputs that dispatch actions carry their own). */
export function elementOf(values: ViewStateValues, blockId: string): ViewStateValue | undefined {
  const block = values[blockIdIn(values, blockId)];
  return block ? Object.values(block)[0] : undefined;
}
