// The audit log's words for the partition retention (kernel/db/partitions.ts).
export const partitionsAuditWords = {
  actions: {
    'partition.drop': { zh: '按保留期删除分区', en: 'drop a partition past its retention' },
  },
  entities: {
    partition: { zh: '数据分区', en: 'partition' },
  },
}
