import { it } from 'vitest'
import { splitScript } from '../../src/facts/ci/shell.js'
it('sh', () => { for (const c of splitScript('set +e\nmage -debug test > "x"\nexit_code=$?\nset -e\nexit $exit_code\n')) console.log(JSON.stringify(c)) })
