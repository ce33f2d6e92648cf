/**
 * POST /api/progress/import — merges an `mlsec-progress` profile into the learner's: lessons read,
 * lab results (kept as imported results; labs themselves are run again here) and finished exam
 * sessions (the exam history). Nothing recorded is lost or duplicated; lessons or labs this site
 * does not have are reported and left out. Exam sessions still in progress are counted in
 * `inProgress` and left to the browser (the progress page keeps them in its storage). The whole
 * profile is checked before anything is written, and written in one transaction.
 */
import type { APIRoute } from 'astro';
import { getSiteLabs } from '../../../components/site/labs.ts';
import { getSiteLessons } from '../../../components/site/lessons.ts';
import { handle, json, readBody } from '../../../console/api.ts';
import { profileSchema } from '../../../console/progress.ts';
import { siteRequest } from '../../../console/site-runtime.ts';

export const prerender = false;

/** A full-pace exam session is about 25 KB; this leaves room for a long history. */
const maxBytes = 32 * 1024 * 1024;

export const POST: APIRoute = (context) =>
  handle(async () => {
    const profile = await readBody(context.request, profileSchema, { maxBytes });
    const lessons = new Set((await getSiteLessons()).map((l) => l.id));
    const labs = new Set(getSiteLabs().map((l) => l.id));
    const ignored = [
      ...profile.lessonsRead.filter((r) => !lessons.has(r.lessonId)).map((r) => `lesson ${r.lessonId}`),
      ...profile.labs.filter((l) => !labs.has(l.labId)).map((l) => `lab ${l.labId}`),
    ];
    const req = await siteRequest(context);
    const imported = await req.rt.progress.import(req.learner.id, {
      ...profile,
      lessonsRead: profile.lessonsRead.filter((r) => lessons.has(r.lessonId)),
      labs: profile.labs.filter((l) => labs.has(l.labId)),
    });
    const inProgress = (profile.exams?.sessions ?? []).filter((s) => (s as { status?: unknown } | null)?.status !== 'submitted').length;
    return json({ imported, ignored, inProgress });
  });
