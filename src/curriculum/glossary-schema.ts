import { z } from 'zod';

/** One glossary entry (`content/glossary.yaml` is a list of these, in any order). */
export const glossaryEntrySchema = z.strictObject({
  /** The term as learners meet it, e.g. "Data capture" or "Service control policy (SCP)". */
  term: z.string().min(2).max(80),
  /** Other spellings found in lessons (acronyms, API names); used to find where the term is taught. */
  aliases: z.array(z.string().min(2)).default([]),
  /** One to three sentences, original wording, accurate as of `lastReviewed` of the lessons that teach it. */
  definition: z.string().min(40).max(700),
  /** Related terms (by `term`), shown as "See also". */
  seeAlso: z.array(z.string()).default([]),
});

export const glossarySchema = z.array(glossaryEntrySchema).min(1);

export type GlossaryEntry = z.infer<typeof glossaryEntrySchema>;
