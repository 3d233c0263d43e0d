import type { DemoContext } from './context.js';
import { personCourse } from './course.js';
import { groupSession } from './group-session.js';
import { demoPeople } from './people.js';
import { storyShape, storySteps } from './stories.js';
import type { DemoStep } from './steps.js';

/**
 * Everything the demo records, as steps of the staff who record it. A pure function of the context: the
 * same accounts, sites and `now` always give the same plan, ids included.
 */
export function demoPlan(context: DemoContext): DemoStep[] {
  const courses = demoPeople(context).map((person) => personCourse(person, context, storyShape(person.entry.story)));
  return [...courses.flatMap((course) => [...course.steps, ...storySteps(course, context)]), ...groupSession(courses, context)];
}
