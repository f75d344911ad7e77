/* Test fixture for check-arm-elf.go: the smallest program a cross compiler makes, for its ELF
 * header and ARM attributes. Made in the cross base image (build-local-bases.sh cross) with
 *   arm-linux-gnueabi-gcc                -static -nostdlib -Os -s -Wl,--build-id=none -o armel-tiny tiny.c -lgcc
 *   arm-linux-gnueabi-gcc -march=armv7-a -static -nostdlib -Os -s -Wl,--build-id=none -o armv7-soft-tiny tiny.c -lgcc
 *   arm-linux-gnueabihf-gcc              -static -nostdlib -Os -s -Wl,--build-id=none -o armhf-tiny tiny.c -lgcc
 */
static volatile double scale = 1.5;
void _start(void) {
  int code = (int)(scale * 2.0) - 3;
  register int r0 __asm__("r0") = code;
  register int r7 __asm__("r7") = 1; /* exit */
  __asm__ volatile("svc 0" : : "r"(r0), "r"(r7));
  for (;;) {}
}
