/**
 * Uploaded files as prompts. Text files are read and checked as they are; anything else (images,
 * PDFs, Office documents) cannot be read as text here, so the check reports the upload by name,
 * type and size: the backend records the event and applies the org's policies to that line.
 */

/** Ingest's prompt limit (MAX_PROMPT_CHARS in ingest/src/schemas.ts); text beyond it is not checked. */
export const MAX_FILE_CHARS = 262_144;

const TEXT_TYPES = /^(text\/|application\/(json|xml|x-yaml|yaml|javascript|x-sh|sql|x-ndjson|csv|toml))/;
const TEXT_EXTENSIONS = new Set(
  (
    'txt md markdown csv tsv json jsonl ndjson log xml yaml yml toml ini cfg conf env properties sql sh bash ' +
    'zsh ps1 bat py rb php js mjs cjs ts tsx jsx java kt scala go rs c h cc cpp hpp cs swift m r pl lua ' +
    'html htm css scss vue svelte tex rst'
  ).split(' '),
);

export function isTextFile(file: Pick<File, 'name' | 'type'>): boolean {
  if (TEXT_TYPES.test(file.type)) return true;
  const dot = file.name.lastIndexOf('.');
  // `Dockerfile` and friends arrive without a MIME type; `.ts` arrives as video/mp2t and `.env` as
  // nothing, so the extension decides over the type.
  if (dot === -1) return file.type === '';
  return TEXT_EXTENSIONS.has(file.name.slice(dot + 1).toLowerCase());
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The text the backend checks for this file. */
export async function filePrompt(file: File): Promise<{ prompt: string; textual: boolean }> {
  if (isTextFile(file)) {
    const text = await file.text();
    return { prompt: text.slice(0, MAX_FILE_CHARS), textual: true };
  }
  return {
    prompt: `[File upload: ${file.name} (${file.type || 'unknown type'}, ${size(file.size)}); content not inspected]`,
    textual: false,
  };
}
