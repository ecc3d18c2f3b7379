// A thread of svm-parallel.ts: claims jobs of the shared problem until none is left, then exits.
import { workerData } from 'node:worker_threads';
import { documentsOf, workOn } from './svm-problem.js';
import type { SvmProblem } from './svm-problem.js';

const problem = workerData as SvmProblem;
workOn(problem, documentsOf(problem));
