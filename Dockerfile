# One image for every Kairro service; the command picks the role (kairro ingest | api | pipelines).
FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production KAIRRO_HOST=0.0.0.0 KAIRRO_DATA_DIR=/data
COPY . .
RUN npm ci --no-audit --no-fund && npm run build -w @kairro/console
VOLUME ["/data"]
EXPOSE 8080 8081
ENTRYPOINT ["node", "cli/bin/kairro.js"]
CMD ["start"]
