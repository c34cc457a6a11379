FROM node:24-slim
RUN npm i -g pnpm@10
WORKDIR /app
COPY . .
RUN pnpm install --frozen-lockfile && pnpm exec turbo run build --filter=@tandem/web
ENV NODE_ENV=production PORT=3000
EXPOSE 3000
STOPSIGNAL SIGTERM
CMD ["pnpm", "--filter", "@tandem/server", "start"]
