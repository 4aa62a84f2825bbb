// The one error the guest-image code throws: what went wrong preparing the images, in one line.
export class GuestImagesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GuestImagesError';
  }
}
