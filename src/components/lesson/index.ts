/**
 * The components MDX lessons may use: this file is the lesson authors' API. The lesson page passes
 * these to every lesson, so lessons use them without import statements; the lesson validator
 * (src/curriculum/lesson-validation.ts) reads the names exported here and rejects any other
 * capitalised component. Document each in docs/lessons.md when you add one.
 */
export { default as Objectives } from './Objectives.astro';
export { default as TryIt } from './TryIt.astro';
export { default as KnowledgeCheck } from './KnowledgeCheck.astro';
export { default as Question } from './Question.astro';
export { default as ExamTip } from './ExamTip.astro';
export { default as Callout } from './Callout.astro';
export { default as Figure } from './Figure.astro';
