/** GET /api/workshops/<id>/leaderboard → `{ entries }`; 409 LeaderboardOff when the workshop has none. */
import type { APIRoute } from 'astro';
import { requireOwnWorkshop } from '../../../../workshops/auth.ts';
import { workshopJson } from '../../../../workshops/errors.ts';
import { workshopHandle } from '../../../../workshops/http.ts';
import { siteWorkshops } from '../../../../workshops/site.ts';
import { leaderboardOf } from '../../../../workshops/workshop-service.ts';

export const prerender = false;

export const GET: APIRoute = (context) =>
  workshopHandle(async () => {
    const wrt = await siteWorkshops();
    const { workshop } = await requireOwnWorkshop(wrt, context.cookies, context.params.id);
    return workshopJson({ entries: await leaderboardOf(wrt, workshop) });
  });
