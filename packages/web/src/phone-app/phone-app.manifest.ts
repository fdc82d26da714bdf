// The phone app's web app manifest: installable to the home screen, opening at /app in its own
// window, portrait, Swedish.

export const phoneAppManifest = {
  name: 'Portvakt – personal',
  short_name: 'Portvakt',
  description: 'Öppna dörrar och registrera besök i hemtjänsten.',
  lang: 'sv',
  id: '/app/',
  start_url: '/app/',
  scope: '/app/',
  display: 'standalone',
  orientation: 'portrait',
  background_color: '#f4f6f8',
  theme_color: '#1d4e89',
  icons: [{ src: '/app/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
};

/** A door with a keyhole: the app's icon (SVG, any size). */
export const appIconSvg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">
<rect width="512" height="512" rx="96" fill="#1d4e89"/>
<rect x="156" y="96" width="200" height="320" rx="12" fill="#f4f6f8"/>
<circle cx="256" cy="250" r="34" fill="#1d4e89"/>
<path d="M240 270h32l12 70h-56z" fill="#1d4e89"/>
</svg>
`;
