import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DATABASE_CONNECTION, type DatabaseConnection, openDatabase } from './database-connection';
import { PrismaService } from './prisma.service';

@Global()
@Module({
  providers: [
    {
      provide: DATABASE_CONNECTION,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => openDatabase(config.database, new Logger('Database')),
    },
    PrismaService,
  ],
  exports: [PrismaService, DATABASE_CONNECTION],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(DATABASE_CONNECTION) private readonly connection: DatabaseConnection,
  ) {}

  /**
   * Runs after the HTTP server has closed (Nest calls shutdown hooks last), so requests still in
   * flight keep their database; then the embedded server, if any, is stopped.
   */
  async onApplicationShutdown(): Promise<void> {
    await this.prisma.close();
    await this.connection.embedded?.stop();
  }
}
