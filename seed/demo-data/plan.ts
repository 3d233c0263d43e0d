import { populationGroups } from '../demo-population/groups.js';
import { populationRoster } from '../demo-population/population.js';
import type { DemoContext } from './context.js';
import { personCourse } from './course.js';
import { groupSession } from './group-session.js';
import { demoPeople } from './people.js';
import { storyShape, storySteps } from './stories.js';
import type { DemoStep } from './steps.js';

/**
 * Everything the demo records, as steps of the staff who record it: the hand-written roster, and `population`
 * generated people around it (the full demo). A pure function of the context: the same accounts, sites,
 * seed and `now` always give the same plan, ids included.
 */
export function demoPlan(context: DemoContext, population = 0): DemoStep[] {
  const people = demoPeople(context, populationRoster(context, population));
  const courses = people.map((person) => {
    const { story, sessions } = person.entry;
    return personCourse(person, context, { ...storyShape(story), ...(sessions === undefined ? {} : { closeAfterSessions: sessions }) });
  });
  return [
    ...courses.flatMap((course) => [...course.steps, ...storySteps(course, context)]),
    ...groupSession(courses, context),
    ...populationGroups(courses, context),
  ];
}
