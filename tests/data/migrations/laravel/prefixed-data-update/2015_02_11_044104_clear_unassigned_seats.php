<?php

use Illuminate\Database\Migrations\Migration;

class ClearUnassignedSeats extends Migration
{
    public function up()
    {
        DB::update('UPDATE '.DB::getTablePrefix().'seats SET holder_id = NULL WHERE holder_id = 0');
    }

    public function down()
    {
    }
}
