/**
 * The labs catalog's filters, read from the query string (`/labs?difficulty=…&service=…&task=…&available=1`)
 * so they work without JavaScript. Unknown values are reported back to the learner, not ignored silently.
 */
export interface CatalogLab {
  id: string;
  difficulty: string;
  services: readonly string[];
  /** Task statement, e.g. `4.3`. */
  task: string;
}

export interface CatalogFilters {
  difficulty?: string;
  service?: string;
  task?: string;
  availableOnly: boolean;
}

export interface FilterChoices {
  difficulties: string[];
  services: string[];
  tasks: string[];
}

export function filterChoices(labs: readonly CatalogLab[], tasks: readonly string[]): FilterChoices {
  const order = ['introductory', 'intermediate', 'advanced'];
  const difficulties = [...new Set(labs.map((l) => l.difficulty))].sort((a, b) => order.indexOf(a) - order.indexOf(b) || a.localeCompare(b));
  return { difficulties, services: [...new Set(labs.flatMap((l) => l.services))].sort(), tasks: [...tasks] };
}

/** Reads the filters; `problems` names each value that is not a choice (and it is dropped). */
export function readFilters(params: URLSearchParams, choices: FilterChoices): { filters: CatalogFilters; problems: string[] } {
  const problems: string[] = [];
  const pick = (name: string, allowed: string[], label: string): string | undefined => {
    const value = params.get(name)?.trim();
    if (!value) return undefined;
    if (allowed.includes(value)) return value;
    problems.push(`There is no ${label} “${value}”; choose one of ${allowed.join(', ') || 'none'}.`);
    return undefined;
  };
  return {
    filters: {
      difficulty: pick('difficulty', choices.difficulties, 'difficulty'),
      service: pick('service', choices.services, 'service'),
      task: pick('task', choices.tasks, 'task statement'),
      availableOnly: params.get('available') === '1',
    },
    problems,
  };
}

export function matches(lab: CatalogLab, filters: CatalogFilters, available: (id: string) => boolean): boolean {
  if (filters.difficulty && lab.difficulty !== filters.difficulty) return false;
  if (filters.service && !lab.services.includes(filters.service)) return false;
  if (filters.task && lab.task !== filters.task) return false;
  if (filters.availableOnly && !available(lab.id)) return false;
  return true;
}
