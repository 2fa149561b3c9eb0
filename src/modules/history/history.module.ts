import { Module } from '@nestjs/common';
import { InstallationEnergyController } from './installation-energy.controller';
import { InstallationEnergyService } from './installation-energy.service';
import { ObservationSeriesController } from './observation-series.controller';
import { ObservationSeriesService } from './observation-series.service';

/** History from the gateway's own store: observation series of a charger, installation energy. */
@Module({
  controllers: [ObservationSeriesController, InstallationEnergyController],
  providers: [ObservationSeriesService, InstallationEnergyService],
})
export class HistoryModule {}
