/**
 * Syllabus coverage: for every Domain 4 item, the lessons, labs and exam questions that cover it,
 * and for every curriculum topic, the lessons and labs that teach it. `computeCoverage` is pure;
 * `loadCoverage` reads the project (lessons through the lesson validator, labs' lab.ts, question
 * YAML) so the CLI (`npm run coverage:syllabus`) and the /syllabus page report the same numbers.
 */
import { loadLabRefs, type LabRef } from './lab-refs.ts';
import { validateLessons, type ContentProblem } from './lesson-validation.ts';
import { loadQuestionRefs, type QuestionRef } from './question-refs.ts';
import { syllabus } from './syllabus.ts';
import type { CurriculumTopic, SyllabusItem, TaskStatement } from './syllabus-schema.ts';

export interface CoverageLesson {
  id: string;
  title: string;
  syllabus: readonly string[];
  topics: readonly string[];
}

export interface CoverageInput {
  lessons: readonly CoverageLesson[];
  labs: readonly Pick<LabRef, 'id' | 'title' | 'syllabus' | 'topics'>[];
  questions: readonly Pick<QuestionRef, 'id' | 'syllabus'>[];
}

export interface ItemCoverage {
  item: SyllabusItem;
  taskStatement: Pick<TaskStatement, 'id' | 'title'>;
  lessons: string[];
  labs: string[];
  questions: string[];
}

export interface TopicCoverage {
  topic: CurriculumTopic;
  lessons: string[];
  labs: string[];
}

export interface Coverage {
  items: ItemCoverage[];
  topics: TopicCoverage[];
  totals: { items: number; withLesson: number; withLab: number; withQuestion: number; lessons: number; labs: number; questions: number };
  /** Items no lesson teaches (the CLI fails on these unless --report). */
  itemsWithoutLesson: string[];
}

export function computeCoverage(input: CoverageInput): Coverage {
  const items = syllabus.taskStatements.flatMap((task) =>
    task.items.map((item) => ({
      item,
      taskStatement: { id: task.id, title: task.title },
      lessons: input.lessons.filter((l) => l.syllabus.includes(item.id)).map((l) => l.id),
      labs: input.labs.filter((l) => l.syllabus.includes(item.id)).map((l) => l.id),
      questions: input.questions.filter((q) => q.syllabus.includes(item.id)).map((q) => q.id),
    })),
  );
  const topics = syllabus.topics.map((topic) => ({
    topic,
    lessons: input.lessons.filter((l) => l.topics.includes(topic.id)).map((l) => l.id),
    labs: input.labs.filter((l) => l.topics.includes(topic.id)).map((l) => l.id),
  }));
  return {
    items,
    topics,
    totals: {
      items: items.length,
      withLesson: items.filter((i) => i.lessons.length).length,
      withLab: items.filter((i) => i.labs.length).length,
      withQuestion: items.filter((i) => i.questions.length).length,
      lessons: input.lessons.length,
      labs: input.labs.length,
      questions: input.questions.length,
    },
    itemsWithoutLesson: items.filter((i) => !i.lessons.length).map((i) => i.item.id),
  };
}

export interface LoadedCoverage extends Coverage {
  /** Content that could not be counted (invalid lessons, unreadable labs or questions). */
  problems: ContentProblem[];
  /** Titles for display, by lesson id and lab id. */
  lessonTitles: Record<string, string>;
  labTitles: Record<string, string>;
}

/** Reads lessons, labs and questions under `root` and computes their coverage. */
export async function loadCoverage(root: string): Promise<LoadedCoverage> {
  const lessonResult = validateLessons(root);
  const labResult = await loadLabRefs(root);
  const questionResult = loadQuestionRefs(root);
  const lessons = lessonResult.lessons.map((l) => ({ id: l.id, title: l.frontmatter.title, syllabus: l.frontmatter.syllabus, topics: l.frontmatter.topics }));
  return {
    ...computeCoverage({ lessons, labs: labResult.labs, questions: questionResult.questions }),
    problems: [...lessonResult.problems, ...labResult.problems, ...questionResult.problems],
    lessonTitles: Object.fromEntries(lessons.map((l) => [l.id, l.title])),
    labTitles: Object.fromEntries(labResult.labs.map((l) => [l.id, l.title ?? l.id])),
  };
}
