/** A finding the corpus generator put into a prompt on purpose; offsets are UTF-16 code units. */
export interface Label {
  type: string;
  start: number;
  end: number;
}

export interface LabelledPrompt {
  /** Which template produced it (code, log, email, chat, ticket, hr), for failure reports. */
  kind: string;
  text: string;
  labels: Label[];
}

export type Rng = () => number;
