// The model benchmark's scores, as the peers in bench/peers/common.py compute them: topics macro-F1
// over the classes in the gold labels, Mawqif the mean of F1(Favor) and F1(Against).
import { f1PerClass } from './text-classifier.js';

export const STANCES = ['Favor', 'Against', 'None'];

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

export function macroF1(gold: string[], pred: string[]): number {
  const classes = [...new Set(gold)].sort();
  const f1 = f1PerClass(
    gold.map((g) => classes.indexOf(g)),
    pred.map((p) => classes.indexOf(p)),
    classes.length,
  );
  return mean(f1);
}

export function favorAgainstF1(gold: string[], pred: string[]): number {
  const f1 = f1PerClass(
    gold.map((g) => STANCES.indexOf(g)),
    pred.map((p) => STANCES.indexOf(p)),
    3,
  );
  return (f1[0]! + f1[1]!) / 2;
}
