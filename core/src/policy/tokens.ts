/**
 * A tokenizer-free estimate (about four characters per token for English text with common BPE
 * vocabularies). Good enough for a length limit, and it costs nothing on the hot path.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
