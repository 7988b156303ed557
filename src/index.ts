import { run } from './main.js'

/* The action's entry: the only module with an import-time side effect. */
void run()
