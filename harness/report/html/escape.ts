// Escaping for the HTML report: every string that reaches the page goes through one of these, whether it came
// from the model (state names) or from an IUT (data, error messages), so no text can become markup.

/** Text content and attribute values alike: the five characters that can end or open markup. */
export function esc(text: unknown): string {
  return String(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** An id or class name made from data: only letters, digits and dashes survive. */
export const token = (text: string): string => text.replace(/[^A-Za-z0-9-]/g, '-');
