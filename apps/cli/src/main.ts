import { hello } from '@silolab/model';
console.log(hello);
