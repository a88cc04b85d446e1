// A department service process: hosts the departments given by --departments (or SILOLAB_DEPARTMENTS), e.g. 0-5,9.
// One Nest application with one BullMQ inbox per hosted department (`d0`, `d1`, ...), signing as each of them.
import { departmentIdentity, flagValue, parseDepartmentList } from '@silolab/exchange';
import { runService } from '@silolab/exchange-service';
import { DepartmentModule } from './department.module';

runService('department-service', (settings) => {
  const list = flagValue(process.argv.slice(2), '--departments') ?? settings.SILOLAB_DEPARTMENTS;
  if (!list) throw new Error('--departments: expected the department indices to host (e.g. 0-5,9), or SILOLAB_DEPARTMENTS');
  const hosted = parseDepartmentList(list);
  return { name: `department-service ${list}`, module: DepartmentModule.forDepartments(hosted), identities: hosted.map(departmentIdentity) };
});
