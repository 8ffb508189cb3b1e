<?php

use Illuminate\Database\Migrations\Migration;
use Illuminate\Support\Facades\DB;
use Illuminate\Support\Facades\Schema;

return new class extends Migration {
    public function up(): void
    {
        DB::transaction(function () {
            $tasks = DB::table('tasks_old')->get();
            $tasks->each(function ($task) {
                DB::table('tasks')->insert(['action' => $task->action]);
                DB::table('tasks_old')->delete($task->id);
            });
        });
        Schema::dropIfExists('tasks_old');
    }

    public function down(): void
    {
        Schema::create('tasks_old', function ($table) {
            $table->increments('id');
        });
    }
};
