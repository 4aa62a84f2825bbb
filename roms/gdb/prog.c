/*
 * A small bare-metal C program for the gdb test (test/gdb.test.ts), built with -O0 -g so that
 * gdb can break at its functions, step its lines, print its variables and watch `counter`.
 * Entered from start.S in M-mode; main's return value is the exit status (virt test device).
 */
#define UART ((volatile unsigned char *)0x10000000)

volatile long counter;
long total;

static void putstr(const char *s)
{
  while (*s)
    *UART = *s++;
}

long compute(long n)
{
  long sum = 0;
  for (long i = 1; i <= n; i++)
    sum += i * i;
  return sum;
}

void bump(long by)
{
  counter = counter + by;
}

int main(void)
{
  total = compute(5);
  bump(1);
  bump(2);
  int ok = total == 55 && counter == 3;
  putstr(ok ? "gdb-demo: ok\n" : "gdb-demo: wrong\n");
  return ok ? 0 : 1;
}
