import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AccessModule } from '../../core/auth/access.module';
import { CacheHotPath } from './cache-hot-path';
import { ResponseCacheInterceptor } from './cache.interceptor';

/** Cached GETs: hits before Nest's pipeline (CacheHotPath), misses through the interceptor. */
@Module({
  imports: [AccessModule],
  providers: [CacheHotPath, { provide: APP_INTERCEPTOR, useClass: ResponseCacheInterceptor }],
  exports: [CacheHotPath],
})
export class CacheHttpModule {}
